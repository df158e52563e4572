#include "html.hpp"

#include <boost/json/parse.hpp>
#include <stdexcept>

#include "tracker/auth/secrets.hpp"

namespace tracker::http::pages {

std::vector<std::pair<std::string_view, std::string_view>> embedded_page_templates();
std::vector<std::pair<std::string_view, std::string_view>> embedded_page_texts();
std::vector<std::pair<std::string_view, std::string_view>> embedded_page_assets();

using domain::Errc;
using domain::Language;
using domain::make_error;


namespace {

std::string stem(std::string_view file) { return std::string(file.substr(0, file.rfind('.'))); }

domain::Error load_error(std::string_view file, const std::string& what) {
  return make_error(Errc::internal, "bad_page_file", std::string(file) + ": " + what);
}

}  // namespace

domain::Result<Texts> Texts::from_json(
    const std::vector<std::pair<std::string_view, std::string_view>>& files) {
  Texts t;
  for (auto [file, content] : files) {
    auto lang = domain::parse_language(stem(file));
    if (!lang) return load_error(file, "the file name must be a language (vi.json, en.json)");
    boost::system::error_code ec;
    auto doc = boost::json::parse(content, ec);
    if (ec || !doc.is_object()) return load_error(file, "not a JSON object");
    auto& texts = t.by_lang_[*lang];
    for (const auto& [key, value] : doc.as_object()) {
      if (!value.is_string()) return load_error(file, std::string(key) + " is not a string");
      texts.emplace(std::string(key), std::string(value.as_string()));
    }
  }
  if (!t.by_lang_.contains(Language::vi)) return load_error("texts", "vi.json is missing");
  const auto& vi = t.by_lang_.at(Language::vi);
  for (const auto& [lang, texts] : t.by_lang_) {
    for (const auto& [key, _] : vi) {
      if (!texts.contains(key)) return load_error(std::string(to_string(lang)) + ".json", key + " is missing");
    }
    for (const auto& [key, _] : texts) {
      if (!vi.contains(key)) return load_error("vi.json", key + " is missing");
    }
  }
  return t;
}

domain::Result<Texts> Texts::load_builtin() { return from_json(embedded_page_texts()); }

const std::string& Texts::get(Language lang, std::string_view key) const {
  auto l = by_lang_.find(lang);
  if (l == by_lang_.end()) l = by_lang_.find(Language::vi);
  auto it = l->second.find(key);
  if (it == l->second.end()) throw std::logic_error("no page text " + std::string(key));
  return it->second;
}

bool Texts::has(std::string_view key) const { return by_lang_.at(Language::vi).contains(key); }

domain::Result<Templates> Templates::from_files(
    const std::vector<std::pair<std::string_view, std::string_view>>& files, const Texts& texts) {
  Templates t;
  t.texts_ = std::make_shared<const Texts>(texts);
  for (auto [file, content] : files) {
    std::vector<Part> parts;
    std::size_t pos = 0;
    while (pos < content.size()) {
      auto open = content.find("{{", pos);
      if (open == std::string_view::npos) {
        parts.push_back({Part::literal, std::string(content.substr(pos))});
        break;
      }
      if (open > pos) parts.push_back({Part::literal, std::string(content.substr(pos, open - pos))});
      bool triple = content.substr(open, 3) == "{{{";
      auto close = content.find(triple ? "}}}" : "}}", open);
      if (close == std::string_view::npos) return load_error(file, "unclosed {{ at byte " + std::to_string(open));
      auto start = open + (triple ? 3 : 2);
      std::string name(content.substr(start, close - start));
      if (name.empty() || name.find_first_of(" {}<>\"'\n") != std::string::npos) {
        return load_error(file, "bad placeholder {{" + name + "}}");
      }
      if (triple) {
        parts.push_back({Part::raw, name});
      } else if (name.rfind("t.", 0) == 0) {
        if (!texts.has(name.substr(2))) return load_error(file, "unknown text " + name);
        parts.push_back({Part::text, name.substr(2)});
      } else {
        parts.push_back({Part::value, name});
      }
      pos = close + (triple ? 3 : 2);
    }
    t.templates_.emplace(stem(file), std::move(parts));
  }
  return t;
}

domain::Result<Templates> Templates::load_builtin(const Texts& texts) {
  return from_files(embedded_page_templates(), texts);
}

std::string Templates::render(std::string_view name, Language lang, const Vars& vars) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) throw std::logic_error("no page template " + std::string(name));
  std::string out;
  out.reserve(4096);
  for (const auto& part : it->second) {
    if (part.kind == Part::literal) {
      out += part.content;
    } else if (part.kind == Part::text) {
      out += escape(texts_->get(lang, part.content));
    } else {
      auto v = vars.find(part.content);
      if (v == vars.end()) {
        throw std::logic_error("page " + std::string(name) + " needs a value for " + part.content);
      }
      out += part.kind == Part::raw ? v->second : escape(v->second);
    }
  }
  return out;
}

namespace {

std::string_view content_type_of(std::string_view name) {
  auto ext = name.substr(name.rfind('.') + 1);
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "js") return "text/javascript; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "webmanifest") return "application/manifest+json";
  return "application/octet-stream";
}

const std::map<std::string_view, Asset, std::less<>>& assets() {
  static const auto all = [] {
    std::map<std::string_view, Asset, std::less<>> m;
    for (auto [name, content] : embedded_page_assets()) {
      m.emplace(name, Asset{name, content, content_type_of(name),
                            auth::to_hex(auth::sha256(content)).substr(0, 12)});
    }
    return m;
  }();
  return all;
}

}  // namespace

namespace {

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    auto n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
             static_cast<unsigned char>(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(n >> shift) & 63];
  }
  if (i < bytes.size()) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace

const std::string& inline_style_source() {
  static const std::string source = "'sha256-" + base64(auth::sha256(find_asset("site.css")->content)) + "'";
  return source;
}

const Asset* find_asset(std::string_view name) {
  auto it = assets().find(name);
  return it == assets().end() ? nullptr : &it->second;
}

std::string asset_url(std::string_view name) {
  const auto* a = find_asset(name);
  if (!a) throw std::logic_error("no asset " + std::string(name));
  return "/assets/" + std::string(name) + "?v=" + a->version;
}

}  // namespace tracker::http::pages
