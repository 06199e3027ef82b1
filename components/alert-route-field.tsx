// One labelled field with its help and error: the settings pages' field, under the names
// the alert-route form uses.
export { SettingsField as AlertRouteField, SettingsFieldError as FieldError, type SettingsControlProps as FieldControlProps } from './settings-field';
