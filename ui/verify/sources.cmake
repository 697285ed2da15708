# The "Verify" page (issue 6): included by ui/CMakeLists.txt.
target_sources(sandboxdoctor_ui PRIVATE
    verify/verifypage.h verify/verifypage.cpp
    verify/checkbasis.h verify/checkbasis.cpp
    verify/doctorpanel.h verify/doctorpanel.cpp
    verify/probepanel.h verify/probepanel.cpp
    verify/symptompanel.h verify/symptompanel.cpp
    verify/panelwidgets.h verify/panelwidgets.cpp
    verify/tone.h verify/tone.cpp
)
