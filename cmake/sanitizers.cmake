# Two opt-in build configurations (issue 7); with neither option set this
# file changes nothing, so the ordinary GCC build is what it was.
#
#   TRACKER_SANITIZE=ON  AddressSanitizer + UndefinedBehaviorSanitizer on every
#                        target (compile and link). UB is fatal
#                        (-fno-sanitize-recover), so a test fails on its first
#                        finding. `./tracker.sh test-sanitizers` builds
#                        build-asan this way with clang 14 and runs the whole
#                        suite (GCC takes the same flags; not tried).
#   TRACKER_FUZZ=ON      clang only: every target is compiled with
#                        -fsanitize=fuzzer-no-link (coverage feedback for
#                        libFuzzer) and tests/fuzz adds the fuzz targets, which
#                        link -fsanitize=fuzzer. Use it with TRACKER_SANITIZE
#                        (as ./tracker.sh test does in build-fuzz): without a
#                        sanitizer runtime only the fuzz targets link, as
#                        nothing else provides the coverage callbacks.
#
# Run-time options (suppressions, leak detection, where reports go) come from
# the environment: tracker.sh sets ASAN_OPTIONS, UBSAN_OPTIONS and
# LSAN_OPTIONS (suppressions: tests/lsan.supp), and the fuzz smoke tests set
# them in their ENVIRONMENT (tests/fuzz/CMakeLists.txt).
option(TRACKER_SANITIZE "Build everything with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(TRACKER_FUZZ "Build the libFuzzer targets in tests/fuzz (clang only)" OFF)

if(TRACKER_SANITIZE)
  set(tracker_sanitize_flags -fsanitize=address,undefined -fno-omit-frame-pointer
                             -fno-sanitize-recover=undefined)
  # clang < 15 cannot compile a coroutine with -fsanitize=function (part of
  # "undefined"): "error: Cannot represent a difference across sections"
  # (llvm/llvm-project#49689, fixed in 15). Every Asio handler is a coroutine.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 15)
    list(APPEND tracker_sanitize_flags -fno-sanitize=function)
  endif()
  add_compile_options(${tracker_sanitize_flags})
  add_link_options(${tracker_sanitize_flags})
  list(JOIN tracker_sanitize_flags " " tracker_sanitize_text)
  message(STATUS "TRACKER_SANITIZE: ${tracker_sanitize_text}")
endif()

if(TRACKER_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "TRACKER_FUZZ needs clang (libFuzzer); configure with CXX=clang++ "
                        "in a separate build directory, e.g. build-fuzz")
  endif()
  # assert() and BOOST_ASSERT are invariants the fuzzers should trip over:
  # keep them on although RelWithDebInfo defines NDEBUG (-U comes after -D).
  add_compile_options(-fsanitize=fuzzer-no-link -UNDEBUG)
  message(STATUS "TRACKER_FUZZ: everything built with -fsanitize=fuzzer-no-link -UNDEBUG")
endif()
