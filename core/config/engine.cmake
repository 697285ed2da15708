# Engine sources (document model, managed block, analysis, edit planning).
target_sources(sandboxdoctor_core_config PRIVATE
    config/configlimits.h
    config/trappedkeys.h config/trappedkeys.cpp
    config/configdocument.h config/configdocument.cpp
    config/tomllexer.h config/tomllexer.cpp
    config/managedblock.h config/managedblock.cpp
    config/daemonsimulation.h config/daemonsimulation.cpp
    config/tomltree_p.h config/tomltree.cpp
    config/planner_p.h config/plannerrules_p.h config/planner.cpp config/plannertables.cpp
    config/plannerassemble.cpp
    config/defeatfix_p.h config/defeatfix.cpp
    config/profilemigration_p.h config/profilemigration.cpp
    config/editplan_p.h config/editplan.cpp
    config/editplanfindings_p.h config/editplanfindings.cpp
    config/configanalysis.cpp
    config/editplanner.cpp
)
