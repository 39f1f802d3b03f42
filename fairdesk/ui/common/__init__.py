"""What several roles share: theme, widgets, camera, printing, scanner detection, sync status."""
