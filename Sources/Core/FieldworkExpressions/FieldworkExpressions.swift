// FieldworkExpressions
