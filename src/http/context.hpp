#pragma once
// What a handler gets: the request, its path parameters, the caller (for
// staff routes), the services, and helpers to parse the body.
#include <boost/json/value.hpp>
#include <optional>

#include "message.hpp"
#include "tracker/auth/principal.hpp"
#include "tracker/domain/event.hpp"
#include "tracker/domain/result.hpp"
#include "tracker/http/services.hpp"

namespace tracker::http {

class Metrics;
class RateLimiter;
class LoginThrottle;
namespace pages {
class Templates;
}

// The language of an API answer: ?lang=vi|en, else Accept-Language
// starting with "en", else Vietnamese.
domain::Language request_language(const Request& req);

// Server-wide parts the handlers of health and lookup routes need.
struct Internals {
  Metrics& metrics;
  RateLimiter& lookup_limiter;
  LoginThrottle& login_throttle;
  const pages::Templates& pages;
};

class RequestContext {
 public:
  RequestContext(const Request& req, std::map<std::string, std::string> params, Services& services,
                 const ServerOptions& options, Internals internals)
      : req_(req), params_(std::move(params)), services_(services), options_(options),
        internals_(internals) {}

  const Request& request() const { return req_; }
  const std::string& param(const std::string& name) const { return params_.at(name); }
  Services& services() { return services_; }
  const ServerOptions& options() const { return options_; }
  Internals& internals() { return internals_; }

  // The authenticated caller; only valid on staff routes.
  const auth::Principal& principal() const { return *principal_; }
  void set_principal(auth::Principal p, std::string credential) {
    principal_ = std::move(p);
    credential_ = std::move(credential);
  }
  // The bearer token or session cookie the caller authenticated with.
  const std::string& credential() const { return credential_; }

  // The JSON body: 415 unless application/json, 400 unless a JSON object.
  domain::Result<boost::json::object> json_body() const;

  // Vietnamese unless the client asked for English (?lang=en or
  // Accept-Language starting with "en").
  domain::Language language() const;

 private:
  const Request& req_;
  std::map<std::string, std::string> params_;
  Services& services_;
  const ServerOptions& options_;
  Internals internals_;
  std::optional<auth::Principal> principal_;
  std::string credential_;
};

}  // namespace tracker::http
