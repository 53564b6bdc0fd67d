# Warning flags, sanitizers and Qt hygiene defines shared by every Tenantry target.
# Targets opt in with tenantry_apply_settings(<target>).
# (-Wnull-dereference is left out: at -O2 GCC 12 reports it inside Asio's and libstdc++'s
# shared_ptr code after inlining; clang-tidy's null-dereference analysis does that job.)

set(TENANTRY_WARNING_FLAGS
    -Wall
    -Wextra
    -Wpedantic
    -Wshadow
    -Wconversion
    -Wsign-conversion
    -Wnon-virtual-dtor
    -Wold-style-cast
    -Woverloaded-virtual
    -Wimplicit-fallthrough
    -Wzero-as-null-pointer-constant)

if(TENANTRY_WERROR)
    list(APPEND TENANTRY_WARNING_FLAGS -Werror)
endif()

if(TENANTRY_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

# The defines STYLE.md asks of every Qt target: no implicit ASCII casts, no contextless
# connect, QStringBuilder, and no Qt keywords (signals/slots/emit) that clash with other code.
set(TENANTRY_QT_DEFINES
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    QT_NO_FOREACH)

function(tenantry_apply_settings target)
    target_compile_options(${target} PRIVATE ${TENANTRY_WARNING_FLAGS})
endfunction()

function(tenantry_apply_qt_settings target)
    tenantry_apply_settings(${target})
    target_compile_definitions(${target} PRIVATE ${TENANTRY_QT_DEFINES})
endfunction()
