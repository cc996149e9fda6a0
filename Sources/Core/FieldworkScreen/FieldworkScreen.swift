// FieldworkScreen
