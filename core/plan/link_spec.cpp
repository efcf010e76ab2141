#include "core/plan/link_spec.h"

#include <charconv>
#include <cmath>
#include <optional>
#include <sstream>
#include <string_view>

namespace cleave {
namespace {

struct Unit {
  std::string_view suffix;
  double scale;  // to the LinkProfile unit (Mbit/s, ms)
};

constexpr Unit kRateUnits[] = {{"kbit", 1e-3}, {"mbit", 1.0}, {"gbit", 1e3}};
constexpr Unit kTimeUnits[] = {{"us", 1e-3}, {"ms", 1.0}, {"s", 1e3}};

[[noreturn]] void fail(const std::string& text, std::string_view token, const std::string& why) {
  throw LinkSpecError("link spec '" + text + "': token '" + std::string(token) + "': " + why);
}

std::optional<double> parseNumber(std::string_view digits) {
  double value = 0;
  const auto* end = digits.data() + digits.size();
  auto [ptr, ec] = std::from_chars(digits.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value) || value < 0) return std::nullopt;
  return value;
}

// "20mbit" -> 20 with the unit table's scale; the unit is required so "20" is never guessed.
template <size_t N>
double parseQuantity(const std::string& text, std::string_view token, std::string_view value,
                     const Unit (&units)[N], const std::string& expected) {
  for (const Unit& unit : units) {
    if (value.size() > unit.suffix.size() && value.ends_with(unit.suffix)) {
      const auto number = parseNumber(value.substr(0, value.size() - unit.suffix.size()));
      // "5ms" also ends with "s": only accept a suffix whose remainder is a number.
      if (number) return *number * unit.scale;
    }
  }
  fail(text, token, "expected a non-negative number with unit " + expected);
}

std::string formatNumber(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace

LinkProfile parseLinkSpec(const std::string& text) {
  LinkProfile link;
  bool has_up = false;
  bool has_down = false;
  std::string_view rest(text);
  if (rest.empty()) throw LinkSpecError("link spec is empty: expected e.g. 'bw=20mbit,lat=30ms'");
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string_view token = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const size_t eq = token.find('=');
    if (eq == std::string_view::npos) fail(text, token, "expected key=value");
    const std::string_view key = token.substr(0, eq);
    const std::string_view value = token.substr(eq + 1);
    const std::string rates = "kbit, mbit or gbit";
    const std::string times = "us, ms or s";
    if (key == "bw" || key == "up" || key == "down") {
      const double mbps = parseQuantity(text, token, value, kRateUnits, rates);
      if (mbps <= 0) fail(text, token, "a rate must be > 0");
      if (key != "down") {
        link.up_mbps = mbps;
        has_up = true;
      }
      if (key != "up") {
        link.down_mbps = mbps;
        has_down = true;
      }
    } else if (key == "lat" || key == "latency") {
      link.latency_ms = parseQuantity(text, token, value, kTimeUnits, times);
    } else if (key == "jitter") {
      link.jitter_ms = parseQuantity(text, token, value, kTimeUnits, times);
    } else if (key == "loss") {
      const auto percent =
          value.ends_with('%') ? parseNumber(value.substr(0, value.size() - 1)) : std::nullopt;
      if (!percent || *percent >= 100)
        fail(text, token, "expected a percentage in [0, 100) with '%'");
      link.loss = *percent / 100.0;
    } else {
      fail(text, token, "unknown key (use bw, up, down, lat, jitter, loss)");
    }
  }
  if (!has_up || !has_down) {
    throw LinkSpecError("link spec '" + text + "': needs bw=<rate> (or both up= and down=)");
  }
  return link;
}

std::string formatLinkSpec(const LinkProfile& link) {
  std::string out = link.up_mbps == link.down_mbps
                        ? "bw=" + formatNumber(link.up_mbps) + "mbit"
                        : "up=" + formatNumber(link.up_mbps) +
                              "mbit,down=" + formatNumber(link.down_mbps) + "mbit";
  out += ",lat=" + formatNumber(link.latency_ms) + "ms";
  if (link.jitter_ms > 0) out += ",jitter=" + formatNumber(link.jitter_ms) + "ms";
  if (link.loss > 0) out += ",loss=" + formatNumber(link.loss * 100.0) + "%";
  return out;
}

}  // namespace cleave
