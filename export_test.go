package salestime

// The limits on what is read, for the tests of package salestime_test.
const (
	MaxRecordBytes = maxRecordBytes
	MaxNameBytes   = maxNameBytes
)
