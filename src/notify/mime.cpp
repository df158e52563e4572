// Internet Message Format for send_email (RFC 5322, RFC 2045-2047).
#include "mime.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>

namespace tracker::notify::mime {
namespace {

constexpr std::size_t kWordBytes = 39;  // base64 of 39 bytes is 52: a word of 64 characters
constexpr std::size_t kLineChars = 76;

std::string base64(std::string_view data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < data.size(); i += 3) {
    std::size_t n = std::min<std::size_t>(3, data.size() - i);
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      v = (v << 8) | (k < n ? static_cast<unsigned char>(data[i + k]) : 0u);
    }
    for (std::size_t k = 0; k < 4; ++k) {
      out += k <= n ? kAlphabet[(v >> (18 - 6 * k)) & 0x3F] : '=';
    }
  }
  return out;
}

// "\n" and "\r\n" both become CRLF: the canonical form of text before base64.
std::string crlf_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    if (text[i] == '\n') out += '\r';
    out += text[i];
  }
  return out;
}

bool is_address_char(char c) {
  if (c <= 0x20 || c >= 0x7F) return false;
  static constexpr std::string_view kSpecials = "<>()[]\\,;:\"";
  return kSpecials.find(c) == std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool is_plain_address(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  std::size_t at = address.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == address.size()) return false;
  if (address.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : address) {
    if (!is_address_char(c)) return false;
  }
  return true;
}

std::optional<Mailbox> parse_mailbox(std::string_view text) {
  text = trim(text);
  Mailbox box;
  std::size_t open = text.rfind('<');
  if (open != std::string_view::npos && !text.empty() && text.back() == '>') {
    box.address = std::string(text.substr(open + 1, text.size() - open - 2));
    std::string_view name = trim(text.substr(0, open));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
      name = name.substr(1, name.size() - 2);
    }
    if (name.find_first_of("\r\n") != std::string_view::npos) return std::nullopt;
    box.display_name = std::string(name);
  } else {
    box.address = std::string(text);
  }
  if (!is_plain_address(box.address)) return std::nullopt;
  return box;
}

bool is_message_id_part(std::string_view text) {
  if (text.empty() || text.size() > 128) return false;
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string encode_words(std::string_view utf8) {
  std::string out;
  while (!utf8.empty()) {
    std::size_t n = std::min(kWordBytes, utf8.size());
    // Never cut a character: step back while the next byte continues one.
    while (n < utf8.size() && n > 1 && (static_cast<unsigned char>(utf8[n]) & 0xC0) == 0x80) --n;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(utf8.substr(0, n)) + "?=";
    utf8.remove_prefix(n);
  }
  return out;
}

std::string base64_lines(std::string_view data) {
  std::string encoded = base64(data);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / kLineChars * 2 + 2);
  for (std::size_t i = 0; i < encoded.size(); i += kLineChars) {
    out.append(encoded, i, kLineChars).append("\r\n");
  }
  return out;
}

std::string rfc5322_date(std::chrono::system_clock::time_point t) {
  // Vietnam keeps +07:00 all year (no daylight saving).
  std::time_t local = std::chrono::system_clock::to_time_t(t) + 7 * 3600;
  std::tm tm{};
  gmtime_r(&local, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0700", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string build_message(const Envelope& envelope, const RenderedMessage& m) {
  const Mailbox& from = envelope.from;
  std::string domain = from.address.substr(from.address.find('@') + 1);
  // "=_" never occurs in base64, so the boundary cannot occur in a part.
  std::string boundary = "=_tracker_" + envelope.message_id;
  std::string out;
  out += "From: ";
  out += from.display_name.empty()
             ? from.address
             : encode_words(from.display_name) + "\r\n <" + from.address + ">";
  out += "\r\nTo: " + envelope.to;
  out += "\r\nSubject: " + encode_words(m.email_subject);
  out += "\r\nDate: " + rfc5322_date(envelope.date);
  out += "\r\nMessage-ID: <" + envelope.message_id + "@" + domain + ">";
  out += "\r\nAuto-Submitted: auto-generated";
  out += "\r\nMIME-Version: 1.0";
  out += "\r\nContent-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"";
  out += "\r\n\r\n";
  auto part = [&](std::string_view type, std::string_view body) {
    out += "--" + boundary + "\r\n";
    out += "Content-Type: ";
    out += type;
    out += "; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    out += base64_lines(crlf_lines(body));
  };
  part("text/plain", m.email_text);
  part("text/html", m.email_html);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace tracker::notify::mime
