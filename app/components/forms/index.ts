/**
 * The form kit: every form field, the validated-form hook and the error summary come from here
 * (`import { TextField, useValidatedForm } from "~/components/forms"`). One react-hook-form + zod
 * wiring for all forms; the server side (validateFormData, validateNestedFormData) lives in app/utils.
 * See docs/decisions for the notice and form-kit conventions.
 */
export { AvailabilityGrid, CheckboxGroup } from "./choice-fields";
export { describedBy, FieldError } from "./field-error";
export { FieldFrame, type ControlProps } from "./field-frame";
export { CheckboxField, ChoiceGroupField, SelectField, TextAreaField, TextField } from "./fields";
export { FilterActions, FilterInput, FilterSelect, ResultsSection } from "./filter-fields";
export { ErrorSummary, FormMessage, useValidatedForm, type ValidatedForm } from "./use-validated-form";
