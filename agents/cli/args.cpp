#include "agents/cli/args.h"

#include <cerrno>
#include <cstdlib>

namespace cleave::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& flags) {
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.rfind("--", 0) != 0 || a.size() == 2) {
      m_positionals.push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    if (const auto eq = name.find('='); eq != std::string::npos) {  // --name=value
      m_values[name.substr(0, eq)] = name.substr(eq + 1);
    } else if (flags.count(name)) {
      m_flags_given.insert(name);
    } else if (i + 1 < argv.size()) {
      m_values[name] = argv[++i];
    } else {
      throw UsageError("--" + name + " needs a value");
    }
  }
}

bool Args::flag(const std::string& name) {
  m_read.insert(name);
  return m_flags_given.count(name) > 0;
}

std::optional<std::string> Args::value(const std::string& name) {
  m_read.insert(name);
  auto it = m_values.find(name);
  if (it == m_values.end()) return std::nullopt;
  return it->second;
}

std::string Args::value(const std::string& name, const std::string& fallback) {
  return value(name).value_or(fallback);
}

int Args::intValue(const std::string& name, int fallback, int min, int max) {
  const auto text = value(name);
  if (!text) return fallback;
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(text->c_str(), &end, 10);
  if (errno || end == text->c_str() || *end || v < min || v > max) {
    throw UsageError("--" + name + " '" + *text + "': expected a whole number from " +
                     std::to_string(min) + " to " + std::to_string(max));
  }
  return static_cast<int>(v);
}

double Args::doubleValue(const std::string& name, double fallback, double min, double max) {
  const auto text = value(name);
  if (!text) return fallback;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text->c_str(), &end);
  if (errno || end == text->c_str() || *end || !(v >= min && v <= max)) {
    throw UsageError("--" + name + " '" + *text + "': expected a number from " +
                     std::to_string(min) + " to " + std::to_string(max));
  }
  return v;
}

void Args::finish(size_t min_positionals, size_t max_positionals) const {
  for (const auto& [name, v] : m_values) {
    if (!m_read.count(name)) throw UsageError("unknown option --" + name);
  }
  for (const auto& name : m_flags_given) {
    if (!m_read.count(name)) throw UsageError("unknown option --" + name);
  }
  if (m_positionals.size() < min_positionals) throw UsageError("missing argument");
  if (m_positionals.size() > max_positionals) {
    throw UsageError("unexpected argument '" + m_positionals[max_positionals] + "'");
  }
}

}  // namespace cleave::cli
