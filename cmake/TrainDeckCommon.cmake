# Flags shared by every Qt-side target (core, ui, app, tests).
add_library(traindeck_common INTERFACE)
target_compile_features(traindeck_common INTERFACE cxx_std_20)
target_compile_definitions(traindeck_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_KEYWORDS
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING
    $<$<CONFIG:Debug>:QT_STRICT_ITERATORS>
    TRAINDECK_VERSION="${PROJECT_VERSION}")
target_compile_options(traindeck_common INTERFACE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor
    -Wcast-align -Wunused -Woverloaded-virtual -Wno-missing-field-initializers>)

# traindeck_add_test(NAME name SOURCES a.cpp ... [LIBS ...] [LABELS ...] [ENV ...] [TIMEOUT s]
#                    [RUN_SERIAL] [SKIP_REGEX re])
# One Qt Test executable per unit. A suite that cannot run here at all (it QSKIPs in
# initTestCase: no sshd, no dataset) must be reported as skipped, not passed; a single function
# that skips must not hide the others' results, so only initTestCase's SKIP line counts.
function(traindeck_add_test)
    cmake_parse_arguments(T "RUN_SERIAL" "NAME;TIMEOUT;SKIP_REGEX" "SOURCES;LIBS;LABELS;ENV;PROCESSORS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE traindeck_common Qt6::Test ${T_LIBS})
    target_compile_definitions(${T_NAME} PRIVATE
        TRAINDECK_TEST_DATA="${CMAKE_SOURCE_DIR}/tests/data"
        TRAINDECK_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
        TRAINDECK_BINARY_DIR="${CMAKE_BINARY_DIR}")
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    if(NOT T_SKIP_REGEX)
        set(T_SKIP_REGEX "SKIP   : [A-Za-z0-9_:]+::initTestCase\\(\\)")
    endif()
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    set_tests_properties(${T_NAME} PROPERTIES
        LABELS "${T_LABELS}"
        TIMEOUT ${T_TIMEOUT}
        SKIP_REGULAR_EXPRESSION "${T_SKIP_REGEX}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;OPENBLAS_NUM_THREADS=1;TRAINDECK_ENGINE=$<TARGET_FILE:traindeck-engine>;${T_ENV}")
    if(T_RUN_SERIAL)
        set_tests_properties(${T_NAME} PROPERTIES RUN_SERIAL TRUE)
    endif()
    if(T_PROCESSORS)
        set_tests_properties(${T_NAME} PROPERTIES PROCESSORS ${T_PROCESSORS})
    endif()
endfunction()
