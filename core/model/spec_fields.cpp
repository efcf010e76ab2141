#include "core/model/spec_fields.h"

#include <cmath>

#include "core/model/model_spec.h"

namespace cleave {
namespace {

// Large enough for any real layer, small enough that shape and MAC products stay far from overflow.
constexpr int64_t kMaxSize = int64_t{1} << 24;

std::string inQuotes(std::string_view key) {
  return "'" + std::string(key) + "'";
}

// "a string \"3\"" / "a number 3.5": what the user wrote, so the message shows the mistake.
std::string describeValue(const nlohmann::json& value) {
  std::string text = value.dump();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return std::string("a ") + value.type_name() + " " + text;
}

}  // namespace

SpecFields::SpecFields(const nlohmann::json& object, std::string where)
    : m_object(object), m_where(std::move(where)) {
  if (!m_object.is_object()) fail("expected a JSON object {...}, got " + describeValue(m_object));
}

void SpecFields::fail(const std::string& problem) const {
  throw SpecError(m_where + ": " + problem);
}

bool SpecFields::has(std::string_view key) const {
  return m_object.contains(std::string(key));
}

void SpecFields::rejectUnknown(const std::vector<std::string_view>& allowed) const {
  for (const auto& item : m_object.items()) {
    const std::string& key = item.key();
    if (!key.empty() && key.front() == '_') continue;
    bool known = false;
    for (std::string_view a : allowed)
      known = known || key == a;
    if (known) continue;
    std::string list;
    for (std::string_view a : allowed)
      list += (list.empty() ? "" : ", ") + std::string(a);
    fail("unknown field " + inQuotes(key) + " (allowed: " + list + ")");
  }
}

const nlohmann::json& SpecFields::at(std::string_view key) const {
  auto it = m_object.find(std::string(key));
  if (it == m_object.end()) fail("needs " + inQuotes(key));
  return *it;
}

std::string SpecFields::string(std::string_view key) const {
  const auto& value = at(key);
  if (!value.is_string()) fail(inQuotes(key) + " must be a string, got " + describeValue(value));
  auto text = value.get<std::string>();
  if (text.empty()) fail(inQuotes(key) + " must not be empty");
  return text;
}

std::string SpecFields::string(std::string_view key, const std::string& fallback) const {
  if (!has(key)) return fallback;
  const auto& value = at(key);
  if (!value.is_string()) fail(inQuotes(key) + " must be a string, got " + describeValue(value));
  return value.get<std::string>();
}

int64_t SpecFields::toInteger(const nlohmann::json& value, std::string_view key,
                              int64_t min) const {
  if (!value.is_number_integer()) {
    fail(inQuotes(key) + " must be an integer, got " + describeValue(value));
  }
  if (value.is_number_unsigned() && value.get<uint64_t>() > static_cast<uint64_t>(kMaxSize)) {
    fail(inQuotes(key) + " is too large: " + value.dump() + " (limit " + std::to_string(kMaxSize) +
         ")");
  }
  const auto number = value.get<int64_t>();
  if (number < min) {
    fail(inQuotes(key) + " must be >= " + std::to_string(min) + ", got " + std::to_string(number));
  }
  if (number > kMaxSize) {
    fail(inQuotes(key) + " is too large: " + std::to_string(number) + " (limit " +
         std::to_string(kMaxSize) + ")");
  }
  return number;
}

int64_t SpecFields::integer(std::string_view key, int64_t min) const {
  return toInteger(at(key), key, min);
}

int64_t SpecFields::integer(std::string_view key, int64_t min, int64_t fallback) const {
  return has(key) ? integer(key, min) : fallback;
}

double SpecFields::number(std::string_view key, double min, double max, double fallback) const {
  if (!has(key)) return fallback;
  const auto& value = at(key);
  if (!value.is_number()) fail(inQuotes(key) + " must be a number, got " + describeValue(value));
  const auto number = value.get<double>();
  if (!std::isfinite(number) || number < min || number > max) {
    fail(inQuotes(key) + " must lie in [" + nlohmann::json(min).dump() + ", " +
         nlohmann::json(max).dump() + "], got " + value.dump());
  }
  return number;
}

bool SpecFields::boolean(std::string_view key, bool fallback) const {
  if (!has(key)) return fallback;
  const auto& value = at(key);
  if (!value.is_boolean())
    fail(inQuotes(key) + " must be true or false, got " + describeValue(value));
  return value.get<bool>();
}

std::vector<int64_t> SpecFields::sizes(std::string_view key, size_t rank, int64_t min) const {
  const auto& value = at(key);
  if (value.is_number_integer()) return std::vector<int64_t>(rank, toInteger(value, key, min));
  if (!value.is_array() || value.size() != rank) {
    fail(inQuotes(key) + " must be an integer or a list of " + std::to_string(rank) +
         " integers, got " + describeValue(value));
  }
  std::vector<int64_t> result;
  for (const auto& entry : value)
    result.push_back(toInteger(entry, key, min));
  return result;
}

std::vector<int64_t> SpecFields::sizes(std::string_view key, size_t rank, int64_t min,
                                       const std::vector<int64_t>& fallback) const {
  return has(key) ? sizes(key, rank, min) : fallback;
}

std::vector<int64_t> SpecFields::integerList(std::string_view key, int64_t min) const {
  const auto& value = at(key);
  if (!value.is_array() || value.empty()) {
    fail(inQuotes(key) + " must be a non-empty list of integers, got " + describeValue(value));
  }
  std::vector<int64_t> result;
  for (const auto& entry : value)
    result.push_back(toInteger(entry, key, min));
  return result;
}

std::vector<std::string> SpecFields::stringList(std::string_view key) const {
  if (!has(key)) return {};
  const auto& value = at(key);
  std::vector<std::string> result;
  if (value.is_array()) {
    for (const auto& entry : value) {
      if (!entry.is_string()) break;
      result.push_back(entry.get<std::string>());
    }
  }
  if (!value.is_array() || result.size() != value.size()) {
    fail(inQuotes(key) + " must be a list of strings, got " + describeValue(value));
  }
  return result;
}

const nlohmann::json& SpecFields::array(std::string_view key) const {
  const auto& value = at(key);
  if (!value.is_array() || value.empty()) {
    fail(inQuotes(key) + " must be a non-empty list, got " + describeValue(value));
  }
  return value;
}

const nlohmann::json* SpecFields::optionalArray(std::string_view key) const {
  return has(key) ? &array(key) : nullptr;
}

}  // namespace cleave
