# The "Per-task homes" page (issue 5): included by ui/CMakeLists.txt.
target_sources(sandboxdoctor_ui PRIVATE
    homes/homespage.h homes/homespage.cpp
    homes/homespagelayout.cpp
    homes/homespageactions.cpp
    homes/homespageinputs.cpp
    homes/homespagebatch.cpp
    homes/homesmodel.h homes/homesmodel.cpp
    homes/homesfilter.h homes/homesfilter.cpp
    homes/homedetailview.h homes/homedetailview.cpp
    homes/homefixtext.h homes/homefixtext.cpp
    homes/homediffdialog.h homes/homediffdialog.cpp
    homes/homejobs.h homes/homejobs.cpp
    homes/homebatch.h homes/homebatch.cpp
)
