// Placeholder so the module builds; delete when the module has real sources.
enum _KubeStandInPlaceholder {}
