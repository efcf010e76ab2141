// The one exception type of core/compress: bad arguments and malformed encoded bytes.
// what() says which codec / field / value was wrong so a log line is enough to act on.
#pragma once

#include <stdexcept>

namespace cleave {

class CompressError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace cleave
