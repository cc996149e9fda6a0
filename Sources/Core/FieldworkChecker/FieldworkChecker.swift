// FieldworkChecker
