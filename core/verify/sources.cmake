# Asking the real Codex (doctor, sandbox), the DNS probe, the symptom explainer.
sandboxdoctor_core_area(verify DEPENDS common config detect report)
target_sources(sandboxdoctor_core_verify PRIVATE
    verify/verifytypes.h verify/verifytypes.cpp
    verify/verifyinput.h verify/verifyinput.cpp
    verify/doctorreport.h verify/doctorreport.cpp
    verify/scratchhome.h verify/scratchhome.cpp
    verify/processargs.h verify/processargs.cpp
    verify/doctornetwork.h verify/doctornetwork.cpp
    verify/doctorrunner.h verify/doctorrunner.cpp
    verify/socketsupport.h verify/socketsupport.cpp
    verify/dnsprobe.h verify/dnsprobe.cpp
    verify/loopbacklistener.h verify/loopbacklistener.cpp
    verify/sandboxinvocation.h verify/sandboxinvocation.cpp
    verify/sandboxprobe.h verify/sandboxprobe.cpp
    verify/symptoms.h verify/symptoms.cpp
    verify/verifyjson.h verify/verifyjson.cpp
)
if(WIN32)
    target_link_libraries(sandboxdoctor_core_verify PRIVATE ws2_32)
endif()
# The symptom table (docs/codex-behaviour.md, "Symptoms and causes") as data, compiled in: ":/sandboxdoctor/symptoms.json".
qt_add_resources(sandboxdoctor_core_verify "sandboxdoctor_verify_data"
    PREFIX "/sandboxdoctor"
    BASE ${PROJECT_SOURCE_DIR}/resources
    FILES ${PROJECT_SOURCE_DIR}/resources/symptoms.json
)
