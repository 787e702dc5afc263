// The extension is built by its own issue (WXT); until then this package only type-checks.
console.log('extension: nothing to build yet');
