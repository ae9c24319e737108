// Placeholder so the test target builds; delete when it has real tests.
