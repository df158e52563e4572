#pragma once
// Demo data: offices and users of one province (Thái Nguyên since the 2025
// merger, with the former Bắc Kạn city) and a few hundred
// shipments in every state, made through the real services.
#include <functional>
#include <string>

#include "tracker/http/services.hpp"

namespace tracker::cli {

// Dossiers made so far of all to make.
using DemoProgress = std::function<void(int done, int total)>;

// Fills the store; returns the text to print (URLs and demo credentials).
std::string fill_demo(http::Services& services, const DemoProgress& progress = {});

}  // namespace tracker::cli
