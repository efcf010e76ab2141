// The command-line spelling of a link, "bw=20mbit,lat=30ms,jitter=5ms,loss=0.1%", to and from a
// LinkProfile. Pure functions, callable from any thread.
#pragma once

#include <stdexcept>
#include <string>

#include "core/plan/device_profile.h"

namespace cleave {

class LinkSpecError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Comma-separated key=value tokens:
//   bw=<rate>       both directions        up=<rate> / down=<rate>   one direction
//   lat=<time>      one-way latency (also "latency")    jitter=<time>    loss=<percent>%
// Rates take kbit, mbit or gbit; times us, ms or s; loss needs '%'. A rate for both directions
// is required (bw, or up and down). Errors quote the bad token. Throws LinkSpecError.
LinkProfile parseLinkSpec(const std::string& text);

// Inverse of parseLinkSpec, e.g. "up=10mbit,down=50mbit,lat=40ms,jitter=15ms,loss=0.5%".
std::string formatLinkSpec(const LinkProfile& link);

}  // namespace cleave
