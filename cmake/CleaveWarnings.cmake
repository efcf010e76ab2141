# Warning flags as an interface target; each flag says why it is on.
add_library(cleave_warnings INTERFACE)
add_library(cleave::warnings ALIAS cleave_warnings)
target_compile_options(cleave_warnings INTERFACE
  -Wall                 # the common bugs
  -Wextra               # unused parameters, signed/unsigned comparisons
  -Wpedantic            # stay inside ISO C++20
  -Wshadow              # a local hiding a member is a classic source of wrong results
  -Wnon-virtual-dtor    # deleting through a base pointer must be safe
  -Woverloaded-virtual  # a hidden virtual is almost always a typo
  -Wcast-align          # tensors are reinterpreted from byte buffers; alignment matters
  -Wimplicit-fallthrough  # every switch over a layer type must be explicit
  -Wformat=2            # log format strings
)
if(CLEAVE_WARNINGS_AS_ERRORS)
  target_compile_options(cleave_warnings INTERFACE -Werror)
endif()
