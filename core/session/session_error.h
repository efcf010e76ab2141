// The one exception type of core/session: unusable files, refused versions, failed writes, bad
// blobs. what() is operator-facing: it names the file and, for write failures, which rounds are
// safe.
#pragma once

#include <stdexcept>

namespace cleave {

class SessionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace cleave
