#pragma once
// Demo data: offices and users of one province (Bắc Kạn) and a few hundred
// shipments in every state, made through the real services.
#include <string>

#include "tracker/http/services.hpp"

namespace tracker::cli {

// Fills the store; returns the text to print (URLs and demo credentials).
std::string fill_demo(http::Services& services);

}  // namespace tracker::cli
