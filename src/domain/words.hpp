#pragma once
// Word tables: the stable snake_case word of each value of an enum, used by
// to_string() / parse_<name>() / all_<plural>(). Private to domain/.
#include <array>
#include <optional>
#include <string_view>
#include <vector>

namespace tracker::domain::words {

template <class E>
struct Word {
  E value;
  std::string_view text;
};

// Each table lists every value in declaration order, so a value's word is at
// its index; in_order() checks that at compile time.
template <class E, std::size_t N>
constexpr bool in_order(const std::array<Word<E>, N>& table) {
  for (std::size_t i = 0; i < N; ++i) {
    if (static_cast<std::size_t>(table[i].value) != i) return false;
  }
  return true;
}

template <class E, std::size_t N>
std::string_view word_of(const std::array<Word<E>, N>& table, E value) {
  auto i = static_cast<std::size_t>(value);
  return i < N ? table[i].text : std::string_view{};
}

template <class E, std::size_t N>
std::optional<E> value_of(const std::array<Word<E>, N>& table, std::string_view text) {
  for (const auto& w : table) {
    if (w.text == text) return w.value;
  }
  return std::nullopt;
}

template <class E, std::size_t N>
std::vector<E> values_of(const std::array<Word<E>, N>& table) {
  std::vector<E> out;
  for (const auto& w : table) out.push_back(w.value);
  return out;
}

}  // namespace tracker::domain::words
