# Runs one libFuzzer target for a bounded time: the ctest fuzz.run.<target>.
#   cmake -DNAME=<target> -DFUZZER=<executable> -DSEEDS=<checked-in corpus> -DWORK=<new inputs>
#         -DARTIFACTS=<folder> -DSECONDS=<n> -P run_fuzzer.cmake
# The seeds are only read; what the run finds goes to WORK, kept between runs of the build tree.
# A crash, a sanitizer report, a leak, a hang over 10 s, over 2 GB or a broken invariant fails,
# and libFuzzer keeps the input in ARTIFACTS.
cmake_minimum_required(VERSION 3.22)
file(GLOB seeds "${SEEDS}/*")
if(NOT seeds)
  message(FATAL_ERROR "fuzz ${NAME}: no seed corpus in ${SEEDS}")
endif()
file(MAKE_DIRECTORY "${WORK}" "${ARTIFACTS}")
execute_process(
  COMMAND "${FUZZER}" "${WORK}" "${SEEDS}" -max_total_time=${SECONDS} -timeout=10
          -rss_limit_mb=2048 -print_final_stats=1 "-artifact_prefix=${ARTIFACTS}/${NAME}-"
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "fuzz ${NAME} failed (${status}): the input is in ${ARTIFACTS}/; "
                      "reproduce with ${FUZZER} ${ARTIFACTS}/${NAME}-<crash|leak|timeout|oom>-...")
endif()
