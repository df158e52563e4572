// The Internet Message Format pieces of send_email (src/notify/mime.hpp).
#include <catch2/catch.hpp>

#include "mime.hpp"

namespace mime = tracker::notify::mime;

namespace {

std::string base64_decode(std::string_view in) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0, value = 0;
  for (char c : in) {
    auto pos = kAlphabet.find(c);
    if (pos == std::string_view::npos) continue;  // "=", CR, LF
    value = (value << 6) | static_cast<unsigned>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((value >> bits) & 0xFF);
    }
  }
  return out;
}

std::vector<std::string> crlf_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find("\r\n", start)) != std::string::npos; start = end + 2) {
    lines.push_back(text.substr(start, end - start));
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

}  // namespace

TEST_CASE("a subject becomes RFC 2047 words of at most 75 characters, never cutting a letter", "[notify][mime]") {
  auto subject = GENERATE(as<std::string>{},
      "Kết quả EC136431858VN đang chờ Quý khách đến nhận tại Bưu điện thành phố Bắc Kạn",
      "Hồ sơ EC136431858VN đã được giao cho UBND phường Đức Xuân",
      "ngắn", "Result EC136431858VN was delivered");
  CAPTURE(subject);
  std::string encoded = mime::encode_words(subject);
  std::string decoded;
  for (const std::string& line : crlf_lines(encoded)) {
    std::string word = line.starts_with(" ") ? line.substr(1) : line;
    CHECK(word.size() <= 75);
    REQUIRE(word.starts_with("=?UTF-8?B?"));
    REQUIRE(word.ends_with("?="));
    std::string piece = base64_decode(word.substr(10, word.size() - 12));
    CHECK(valid_utf8(piece));  // each word holds whole characters
    decoded += piece;
  }
  CHECK(decoded == subject);
}

TEST_CASE("the date is RFC 5322 in Vietnam time", "[notify][mime]") {
  // 2026-11-27T02:30:00Z
  auto t = std::chrono::system_clock::time_point(std::chrono::seconds(1795746600));
  CHECK(mime::rfc5322_date(t) == "Fri, 27 Nov 2026 09:30:00 +0700");
  // 2026-12-31T20:00:05Z is already the new year in Hanoi.
  auto late = std::chrono::system_clock::time_point(std::chrono::seconds(1798747205));
  CHECK(mime::rfc5322_date(late) == "Fri, 01 Jan 2027 03:00:05 +0700");
}

TEST_CASE("sender and recipient addresses are parsed strictly", "[notify][mime]") {
  auto with_name = mime::parse_mailbox("Bưu điện Bắc Kạn <noreply@example.vn>");
  REQUIRE(with_name);
  CHECK(with_name->display_name == "Bưu điện Bắc Kạn");
  CHECK(with_name->address == "noreply@example.vn");
  auto quoted = mime::parse_mailbox("\"VNPost, Bắc Kạn\" <noreply@example.vn>");
  REQUIRE(quoted);
  CHECK(quoted->display_name == "VNPost, Bắc Kạn");
  auto bare = mime::parse_mailbox("noreply@example.vn");
  REQUIRE(bare);
  CHECK(bare->display_name.empty());

  auto bad = GENERATE(as<std::string>{}, "", "noreply", "@example.vn", "a@b@c", "a b@example.vn",
                      "citizen@example.com>\r\nRCPT TO:<x@y", "Name <a@b", "tên@ví-dụ.vn");
  CAPTURE(bad);
  CHECK_FALSE(mime::is_plain_address(bad));
  CHECK_FALSE(mime::parse_mailbox(bad).has_value());
}

TEST_CASE("a message is CRLF text, lines of at most 76 characters, with both parts", "[notify][mime]") {
  tracker::notify::RenderedMessage m;
  m.email_subject = "Kết quả EC136431858VN đang chờ Quý khách đến nhận tại Bưu điện thành phố Bắc Kạn";
  m.email_text = std::string("Kính gửi Quý khách,\n\n") + std::string(300, 'x') + "\nđ";
  m.email_html = "<p>Kính gửi Quý khách,</p>\n<p>" + std::string(500, 'y') + "</p>";
  mime::Envelope envelope{{"Bưu điện Bắc Kạn", "noreply@example.vn"},
                          "citizen@example.com",
                          "0b7e2c1a-4d5f-4e6a-9b8c-7d6e5f4a3b2c",
                          std::chrono::system_clock::time_point(std::chrono::seconds(1795746600))};
  std::string message = mime::build_message(envelope, m);

  CHECK(message.ends_with("\r\n"));
  for (std::size_t i = 0; i < message.size(); ++i) {
    if (message[i] == '\n') REQUIRE((i > 0 && message[i - 1] == '\r'));
    REQUIRE(static_cast<unsigned char>(message[i]) < 0x80);
  }
  for (const std::string& line : crlf_lines(message)) {
    CAPTURE(line);
    CHECK(line.size() <= 76);
  }
  CHECK(message.find("\r\nTo: citizen@example.com\r\n") != std::string::npos);
  CHECK(message.find("\r\nDate: Fri, 27 Nov 2026 09:30:00 +0700\r\n") != std::string::npos);
  CHECK(message.find("\r\nMessage-ID: <0b7e2c1a-4d5f-4e6a-9b8c-7d6e5f4a3b2c@example.vn>\r\n") !=
        std::string::npos);
  CHECK(message.find("\r\nMIME-Version: 1.0\r\n") != std::string::npos);
  CHECK(message.find("Content-Type: text/plain; charset=UTF-8") != std::string::npos);
  CHECK(message.find("Content-Type: text/html; charset=UTF-8") != std::string::npos);
  CHECK(message.starts_with("From: =?UTF-8?B?"));

  // The text part decodes back to the text, in canonical CRLF form.
  std::string boundary = "--=_tracker_0b7e2c1a-4d5f-4e6a-9b8c-7d6e5f4a3b2c";
  std::size_t text_start = message.find("\r\n\r\n", message.find(boundary + "\r\n")) + 4;
  std::size_t text_end = message.find(boundary, text_start);
  std::string text = base64_decode(message.substr(text_start, text_end - text_start));
  CHECK(text == std::string("Kính gửi Quý khách,\r\n\r\n") + std::string(300, 'x') + "\r\nđ");
  CHECK(message.ends_with(boundary + "--\r\n"));
}
