#pragma once
// Text for HTML: one escaping for the e-mails and the pages.
#include <string>
#include <string_view>

namespace tracker::domain {

// & < > " ' as entities: safe in HTML text and in quoted attributes.
std::string html_escape(std::string_view text);

}  // namespace tracker::domain
