#pragma once
// Secrets: random tokens, their stored form, and password hashes.
// Password hashing is deliberately slow (Argon2id): call it off I/O threads.
#include <string>
#include <string_view>

namespace tracker::auth {

// 32 random bytes as 64 lower-case hex characters.
std::string new_token();
// SHA-256 of data, raw 32 bytes (what the tokens table stores).
std::string sha256(std::string_view data);
std::string to_hex(std::string_view bytes);
// The CSRF token of a session: hex SHA-256 of "csrf:" + the session token.
// Pages carry it; cookie-authenticated writes must send it back
// (X-CSRF-Token or a form field), which a cross-site page cannot read.
std::string csrf_token(std::string_view session_token);
// A fresh random UUID v4 (lower case).
std::string new_uuid();

// Argon2id (libsodium crypto_pwhash_str, interactive limits).
std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& stored_hash);

}  // namespace tracker::auth
