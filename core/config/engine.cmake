# Engine sources (document model, managed block, analysis, edit planning).
