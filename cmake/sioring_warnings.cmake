# Warnings are errors on the project's own code only; third-party sources
# (llhttp) are compiled without them.
function(sioring_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wno-missing-field-initializers)
endfunction()

# protocol/ and engine/ are built without exceptions (DESIGN.md "Errors").
function(sioring_no_exceptions target)
  target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-fno-exceptions>)
endfunction()
