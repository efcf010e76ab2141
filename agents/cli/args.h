// Command-line arguments of one `cleave` sub-command: "--name value", "--flag", positionals.
// Every option a command reads is declared by reading it; finish() then rejects the rest, so a
// typo ("--round 5") is an error instead of silently ignored. Single-threaded, like main().
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace cleave::cli {

// Wrong usage: printed with the command's usage line, exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Args {
 public:
  // `flags` lists the options that take no value.
  Args(const std::vector<std::string>& argv, const std::set<std::string>& flags);

  bool flag(const std::string& name);
  std::optional<std::string> value(const std::string& name);
  std::string value(const std::string& name, const std::string& fallback);
  int intValue(const std::string& name, int fallback, int min, int max);
  double doubleValue(const std::string& name, double fallback, double min, double max);
  const std::vector<std::string>& positionals() const { return m_positionals; }
  // Throws UsageError for an option no one read, or a positional count outside [min, max].
  void finish(size_t min_positionals, size_t max_positionals) const;

 private:
  std::map<std::string, std::string> m_values;
  std::set<std::string> m_flags_given;
  std::set<std::string> m_read;
  std::vector<std::string> m_positionals;
};

}  // namespace cleave::cli
