#pragma once
// Hiding personal data in what the public lookup and staff lists show.
// Inputs are UTF-8; nothing here validates them beyond what masking needs.
#include <string>
#include <string_view>

namespace tracker::domain {

// Keeps the first word whole and reduces every other word to its first
// character plus "." ("Nguyễn Văn An" -> "Nguyễn V. A.", "Lê Ánh" -> "Lê Á.").
// A character is a code point together with any combining marks after it, so
// diacritics survive in decomposed (NFD) text too. Words are separated by
// ASCII whitespace; runs of it collapse to one space and the ends are
// trimmed. A single word comes back unchanged; blank input gives "".
std::string mask_name(std::string_view utf8_full_name);

// Keeps the first character of the local part and the whole domain:
// "an.nguyen@example.vn" -> "a***@example.vn". Text without a local part
// and a domain around its last '@' gives "***".
std::string mask_email(std::string_view email);

}  // namespace tracker::domain
