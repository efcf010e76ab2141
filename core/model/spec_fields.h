// Typed, range-checked reads of one JSON object's fields for the model-spec parser (internal to
// core/model). Every failure throws SpecError prefixed with `where` ("camera_cnn.json: layer 3
// ...").
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace cleave {

class SpecFields {
 public:
  // Throws unless `object` is a JSON object.
  SpecFields(const nlohmann::json& object, std::string where);

  const std::string& where() const { return m_where; }
  void setWhere(std::string where) { m_where = std::move(where); }
  [[noreturn]] void fail(const std::string& problem) const;

  bool has(std::string_view key) const;
  // Keys outside `allowed` are typos; keys starting with '_' are comments.
  void rejectUnknown(const std::vector<std::string_view>& allowed) const;

  std::string string(std::string_view key) const;  // required, non-empty
  std::string string(std::string_view key, const std::string& fallback) const;
  int64_t integer(std::string_view key, int64_t min) const;  // required
  int64_t integer(std::string_view key, int64_t min, int64_t fallback) const;
  double number(std::string_view key, double min, double max, double fallback) const;
  bool boolean(std::string_view key, bool fallback) const;
  // An int (repeated `rank` times) or a list of exactly `rank` ints, each >= min. Required.
  std::vector<int64_t> sizes(std::string_view key, size_t rank, int64_t min) const;
  std::vector<int64_t> sizes(std::string_view key, size_t rank, int64_t min,
                             const std::vector<int64_t>& fallback) const;
  std::vector<int64_t> integerList(std::string_view key, int64_t min) const;  // required, non-empty
  std::vector<std::string> stringList(std::string_view key) const;  // optional, empty if absent
  const nlohmann::json& array(std::string_view key) const;          // required, non-empty
  const nlohmann::json* optionalArray(std::string_view key) const;  // nullptr if absent

 private:
  const nlohmann::json& at(std::string_view key) const;  // required
  int64_t toInteger(const nlohmann::json& value, std::string_view key, int64_t min) const;

  const nlohmann::json& m_object;
  std::string m_where;
};

}  // namespace cleave
