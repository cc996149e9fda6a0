// FieldworkModel
