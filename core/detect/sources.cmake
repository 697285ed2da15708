# Sources of core/detect.
