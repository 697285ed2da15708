-- CPACK_DMG_DS_STORE_SETUP_SCRIPT: CPack mounts the writable .dmg and runs
-- this with the volume name as its argument; Finder then writes the .DS_Store
-- that gives the window its background, size and icon positions (matching
-- dmg-background.svg: the app at 160,200, the Applications link at 480,200).
on run argv
    set volumeName to item 1 of argv
    tell application "Finder"
        tell disk volumeName
            open
            set current view of container window to icon view
            set toolbar visible of container window to false
            set statusbar visible of container window to false
            set the bounds of container window to {200, 120, 840, 548}
            set viewOptions to the icon view options of container window
            set arrangement of viewOptions to not arranged
            set icon size of viewOptions to 112
            set text size of viewOptions to 13
            set background picture of viewOptions to file ".background:background.png"
            set position of item "Codex Sandbox Doctor.app" of container window to {160, 200}
            set position of item "Applications" of container window to {480, 200}
            close
            open
            update without registering applications
            delay 2
            close
        end tell
    end tell
end run
