#pragma once
// Settings: flags win, then TRACKER_<SECTION>_<KEY> environment variables,
// then the TOML file given with --config, then the defaults below.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tracker::cli {

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string public_url;  // default: http://<listen>
  int threads = 2;
  std::string tls_cert;
  std::string tls_key;
  int max_connections = 4096;
  std::vector<std::string> trusted_proxies;  // TOML array; env: comma-separated
  std::string db_path = "tracker.db";
  std::string sms_url;
  std::string sms_secret;
  bool sms_ascii_only = false;
  std::string smtp_url;
  bool smtp_starttls = false;
  std::string smtp_username;
  std::string smtp_password;
  std::string email_from;
  int lookups_per_minute = 60;
  int first_retry_seconds = 5;
  int give_up_after_hours = 24;
  int claim_lease_seconds = 300;
  std::string service_indicator = "EC";
};

// Reads the file (if any) and the environment into a Config. Throws
// std::runtime_error with a clear message for a bad file or value.
Config load_config(const std::optional<std::string>& file);

}  // namespace tracker::cli
