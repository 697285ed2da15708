# Diagnosis (detection + policy + analysis) and its text/JSON reports.
sandboxdoctor_core_area(report DEPENDS common config detect)
target_sources(sandboxdoctor_core_report PRIVATE
    report/diagnosis.h report/diagnosis.cpp
    report/statusreport.h report/statusreport.cpp
    report/effectivereport.h report/effectivereport.cpp
    report/jsonshapes.h report/jsonshapes.cpp
)
