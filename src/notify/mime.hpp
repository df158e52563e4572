#pragma once
// The Internet Message Format pieces send_email needs: addresses, RFC 2047
// encoded words, base64 bodies, an RFC 5322 date in Vietnam time, and the
// whole multipart/alternative message. Every line ends with CRLF and is at
// most 76 characters (an address longer than that aside). Pure functions.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "tracker/notify/templates.hpp"

namespace tracker::notify::mime {

struct Mailbox {
  std::string display_name;  // UTF-8, may be empty
  std::string address;       // "noreply@example.vn"
};

// True for a bare ASCII address "local@domain" with nothing that could end a
// header or an SMTP command (no spaces, CR, LF, <, >, quotes, …).
bool is_plain_address(std::string_view address);

// "Name <local@domain>", "<local@domain>" or "local@domain"; nullopt when
// the address is not plain.
std::optional<Mailbox> parse_mailbox(std::string_view text);

// True for a Message-ID left part: letters, digits, ".", "-", "_" (a UUID).
bool is_message_id_part(std::string_view text);

// RFC 2047 "B" encoded words of `utf8` (each at most 64 characters, never
// splitting a character), joined by CRLF SP so that they fold.
std::string encode_words(std::string_view utf8);

// Base64 in lines of 76 characters, each ending with CRLF.
std::string base64_lines(std::string_view data);

// "Fri, 27 Nov 2026 09:30:00 +0700".
std::string rfc5322_date(std::chrono::system_clock::time_point t);

struct Envelope {
  Mailbox from;
  std::string to;          // a plain address
  std::string message_id;  // the left part (is_message_id_part)
  std::chrono::system_clock::time_point date;
};

// From, To, Subject, Date, Message-ID, MIME-Version and a
// multipart/alternative body: text/plain then text/html, both UTF-8 base64.
std::string build_message(const Envelope& envelope, const RenderedMessage& m);

}  // namespace tracker::notify::mime
