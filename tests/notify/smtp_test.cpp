// The e-mail channel against a real SMTP server: Debian's aiosmtpd, started
// by the test, storing what it receives in a maildir that Python's email
// module then reads back.

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "peers.hpp"
#include "tracker/notify/senders.hpp"
#include "tracker/notify/templates.hpp"

using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace json = boost::json;
namespace notify = tracker::notify;

namespace {

// Reads a stored message with Python's email module: what a mail client
// would show, decoded independently of our encoder.
json::object read_with_python(const fs::path& message, const fs::path& scratch) {
  fs::path script = scratch / "read_mail.py";
  std::ofstream(script) << R"PY(
import sys, json, email, email.policy, email.utils
raw = open(sys.argv[1], 'rb').read()
msg = email.message_from_bytes(raw, policy=email.policy.default)
parts = []
for part in msg.walk():
    if part.is_multipart():
        continue
    parts.append({"type": part.get_content_type(), "charset": part.get_content_charset(),
                  "content": part.get_content()})
frm = msg["From"].addresses[0]
print(json.dumps({
    "to": str(msg["To"]), "rcpt": str(msg["X-RcptTo"]), "mail_from": str(msg["X-MailFrom"]),
    "from_name": frm.display_name, "from_addr": frm.addr_spec,
    "raw_subject": email.message_from_bytes(raw)["Subject"],
    "subject": str(msg["Subject"]), "date": str(msg["Date"]),
    "utc_offset": email.utils.parsedate_to_datetime(str(msg["Date"])).utcoffset().total_seconds(),
    "message_id": str(msg["Message-ID"]), "content_type": msg.get_content_type(),
    "mime_version": str(msg["MIME-Version"]), "parts": parts}))
)PY";
  std::string command = "/usr/bin/python3 " + script.string() + " " + message.string();
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  REQUIRE(::pclose(pipe) == 0);
  return json::parse(out).as_object();
}

notify::RenderedMessage held_message() {
  auto templates = notify::Templates::load_builtin();
  REQUIRE(templates.has_value());
  notify::MessageContext ctx;
  ctx.kind = tracker::domain::ShipmentKind::result;
  ctx.trigger = tracker::domain::EventType::held;
  ctx.tracking_number = "EC136431858VN";
  ctx.track_url = "https://tracuu.example.vn/track/EC136431858VN";
  ctx.office_name = "Bưu điện thành phố Bắc Kạn";
  ctx.agency_name = "UBND phường Đức Xuân <Một cửa>";
  ctx.hold_until = "05/12/2026";
  ctx.occurred_at = "27/11/2026 09:30";
  return templates->render(ctx, tracker::domain::Language::vi, false);
}

}  // namespace

TEST_CASE("an e-mail reaches a real SMTP server with a Vietnamese subject and both parts", "[notify][smtp]") {
  tracker::test::SmtpSink server;
  tracker::test::TempDir scratch;
  notify::RenderedMessage m = held_message();
  notify::SmtpServer smtp;
  smtp.url = server.url();
  smtp.from = "Bưu điện Bắc Kạn <noreply@example.vn>";
  smtp.timeout = 10s;
  const std::string id = "0b7e2c1a-4d5f-4e6a-9b8c-7d6e5f4a3b2c";

  notify::SendResult r = notify::send_email(smtp, "citizen@example.com", m, id);
  INFO(r.error);
  REQUIRE(r.delivered);
  CHECK(r.http_status == 250);

  auto files = server.wait_for_messages(1, 10s);
  REQUIRE(files.size() == 1);
  json::object mail = read_with_python(files[0], scratch.path());
  CAPTURE(json::serialize(mail));
  CHECK(mail["to"].as_string() == "citizen@example.com");
  CHECK(mail["rcpt"].as_string() == "citizen@example.com");
  CHECK(mail["mail_from"].as_string() == "noreply@example.vn");
  CHECK(mail["from_name"].as_string() == "Bưu điện Bắc Kạn");
  CHECK(mail["from_addr"].as_string() == "noreply@example.vn");
  CHECK(mail["subject"].as_string() == m.email_subject);
  CHECK(mail["subject"].as_string() == "Kết quả EC136431858VN đang chờ Quý khách đến nhận");
  CHECK(mail["raw_subject"].as_string().starts_with("=?UTF-8?B?"));
  CHECK(mail["utc_offset"].to_number<double>() == 7 * 3600);
  CHECK(mail["message_id"].as_string() == "<" + id + "@example.vn>");
  CHECK(mail["mime_version"].as_string() == "1.0");
  CHECK(mail["content_type"].as_string() == "multipart/alternative");

  auto& parts = mail["parts"].as_array();
  REQUIRE(parts.size() == 2);
  auto& text = parts[0].as_object();
  auto& html = parts[1].as_object();
  CHECK(text["type"].as_string() == "text/plain");
  CHECK(text["charset"].as_string() == "utf-8");
  CHECK(html["type"].as_string() == "text/html");
  CHECK(html["charset"].as_string() == "utf-8");
  std::string text_body(text["content"].as_string());
  std::string html_body(html["content"].as_string());
  CHECK(text_body.find("đang được lưu giữ tại Bưu điện thành phố Bắc Kạn") != std::string::npos);
  CHECK(text_body.find("trước ngày 05/12/2026") != std::string::npos);
  CHECK(text_body.find("https://tracuu.example.vn/track/EC136431858VN") != std::string::npos);
  CHECK(html_body.find("<a href=\"https://tracuu.example.vn/track/EC136431858VN\">") != std::string::npos);
  CHECK(html_body.find("UBND phường Đức Xuân &lt;Một cửa&gt;") != std::string::npos);
}

TEST_CASE("an SMTP server that cannot be reached is a retryable error", "[notify][smtp]") {
  notify::SmtpServer smtp;
  smtp.url = "smtp://127.0.0.1:" + std::to_string(tracker::test::free_port());
  smtp.from = "noreply@example.vn";
  smtp.timeout = 2s;
  notify::SendResult r = notify::send_email(smtp, "citizen@example.com", held_message(), "id-1");
  CHECK_FALSE(r.delivered);
  CHECK(r.retryable);
  CHECK(r.error.find("citizen") == std::string::npos);
}

TEST_CASE("an unusable recipient or sender is refused before any connection", "[notify][smtp]") {
  auto [from, to] = GENERATE(table<std::string, std::string>({
      {"noreply@example.vn", "citizen@example.com>\r\nRCPT TO:<victim@example.com"},
      {"noreply@example.vn", "no-at-sign"},
      {"noreply@example.vn", ""},
      {"Bưu điện <not an address>", "citizen@example.com"}}));
  notify::SmtpServer smtp;
  smtp.url = "smtp://127.0.0.1:" + std::to_string(tracker::test::free_port());
  smtp.from = from;
  notify::SendResult r = notify::send_email(smtp, to, held_message(), "id-2");
  CHECK_FALSE(r.delivered);
  CHECK_FALSE(r.retryable);
  CHECK(r.error.find("citizen") == std::string::npos);
}
