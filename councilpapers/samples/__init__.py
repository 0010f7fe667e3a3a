"""Sample council papers bundled for `councilpapers demo` and the golden-file tests."""
