#include "config.hpp"

#include <cstdlib>
#include <stdexcept>
#include <toml++/toml.h>

namespace tracker::cli {
namespace {

template <class T>
void take(const toml::table& t, const char* section, const char* key, T& out) {
  if (auto v = t[section][key].value<T>()) out = *v;
}

std::optional<std::string> env(const char* section, const char* key) {
  std::string name = std::string("TRACKER_") + section + "_" + key;
  for (auto& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (const char* v = std::getenv(name.c_str())) return std::string(v);
  return std::nullopt;
}

void take_env(const char* section, const char* key, std::string& out) {
  if (auto v = env(section, key)) out = *v;
}

void take_env(const char* section, const char* key, int& out) {
  if (auto v = env(section, key)) {
    try {
      out = std::stoi(*v);
    } catch (const std::exception&) {
      throw std::runtime_error(std::string("TRACKER_") + section + "_" + key + " must be a number");
    }
  }
}

void take_env(const char* section, const char* key, bool& out) {
  if (auto v = env(section, key)) out = (*v == "1" || *v == "true" || *v == "yes");
}

}  // namespace

Config load_config(const std::optional<std::string>& file) {
  Config c;
  std::string database_url;
  if (file) {
    toml::table t;
    try {
      t = toml::parse_file(*file);
    } catch (const toml::parse_error& e) {
      throw std::runtime_error("config " + *file + ": " + std::string(e.description()));
    }
    take(t, "server", "listen", c.listen);
    take(t, "server", "public_url", c.public_url);
    if (auto v = t["server"]["threads"].value<int64_t>()) c.threads = static_cast<int>(*v);
    take(t, "server", "tls_cert", c.tls_cert);
    take(t, "server", "tls_key", c.tls_key);
    if (auto v = t["server"]["max_connections"].value<int64_t>()) c.max_connections = static_cast<int>(*v);
    if (auto* proxies = t["server"]["trusted_proxies"].as_array()) {
      for (const auto& p : *proxies) {
        auto s = p.value<std::string>();
        if (!s) throw std::runtime_error("config " + *file + ": server.trusted_proxies holds addresses as strings");
        c.trusted_proxies.push_back(*s);
      }
    }
    take(t, "database", "path", c.db_path);
    take(t, "database", "url", database_url);
    take(t, "sms", "url", c.sms_url);
    take(t, "sms", "secret", c.sms_secret);
    take(t, "sms", "ascii_only", c.sms_ascii_only);
    take(t, "email", "smtp_url", c.smtp_url);
    take(t, "email", "starttls", c.smtp_starttls);
    take(t, "email", "username", c.smtp_username);
    take(t, "email", "password", c.smtp_password);
    take(t, "email", "from", c.email_from);
    if (auto v = t["limits"]["lookups_per_minute"].value<int64_t>()) c.lookups_per_minute = static_cast<int>(*v);
    if (auto v = t["notify"]["first_retry_seconds"].value<int64_t>()) c.first_retry_seconds = static_cast<int>(*v);
    if (auto v = t["notify"]["give_up_after_hours"].value<int64_t>()) c.give_up_after_hours = static_cast<int>(*v);
    if (auto v = t["notify"]["claim_lease_seconds"].value<int64_t>()) c.claim_lease_seconds = static_cast<int>(*v);
    take(t, "tracking", "service_indicator", c.service_indicator);
  }
  take_env("server", "listen", c.listen);
  take_env("server", "public_url", c.public_url);
  take_env("server", "threads", c.threads);
  take_env("server", "tls_cert", c.tls_cert);
  take_env("server", "tls_key", c.tls_key);
  take_env("server", "max_connections", c.max_connections);
  if (auto v = env("server", "trusted_proxies")) {
    c.trusted_proxies.clear();
    std::string item;
    for (char ch : *v + ",") {
      if (ch == ',') {
        if (!item.empty()) c.trusted_proxies.push_back(item);
        item.clear();
      } else if (ch != ' ') {
        item += ch;
      }
    }
  }
  take_env("database", "path", c.db_path);
  take_env("database", "url", database_url);
  // A PostgreSQL URL, when given, is the database ([database] path is the
  // SQLite file otherwise).
  if (!database_url.empty()) c.db_path = database_url;
  take_env("sms", "url", c.sms_url);
  take_env("sms", "secret", c.sms_secret);
  take_env("sms", "ascii_only", c.sms_ascii_only);
  take_env("email", "smtp_url", c.smtp_url);
  take_env("email", "starttls", c.smtp_starttls);
  take_env("email", "username", c.smtp_username);
  take_env("email", "password", c.smtp_password);
  take_env("email", "from", c.email_from);
  take_env("limits", "lookups_per_minute", c.lookups_per_minute);
  take_env("notify", "first_retry_seconds", c.first_retry_seconds);
  take_env("notify", "give_up_after_hours", c.give_up_after_hours);
  take_env("notify", "claim_lease_seconds", c.claim_lease_seconds);
  take_env("tracking", "service_indicator", c.service_indicator);
  if (c.threads < 1 || c.threads > 256) throw std::runtime_error("server.threads must be 1..256");
  if (c.max_connections < 16) throw std::runtime_error("server.max_connections must be at least 16");
  if (c.tls_cert.empty() != c.tls_key.empty()) {
    throw std::runtime_error("server.tls_cert and server.tls_key go together: set both for HTTPS, or neither");
  }
  if (c.claim_lease_seconds < 1 || c.claim_lease_seconds > 86400) {
    throw std::runtime_error("notify.claim_lease_seconds must be 1..86400");
  }
  if (c.service_indicator.size() != 2) throw std::runtime_error("tracking.service_indicator is 2 letters");
  return c;
}

}  // namespace tracker::cli
