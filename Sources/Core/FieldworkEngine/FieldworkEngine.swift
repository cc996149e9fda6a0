// FieldworkEngine
