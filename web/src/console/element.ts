// Element Plus, registered component by component so the bundle carries only what the console uses.
// (The full stylesheet is imported once in main.ts; it is cached in its own chunk.)
import type { App } from 'vue';
import {
  ElAlert, ElAside, ElAutocomplete, ElAvatar, ElBreadcrumb, ElBreadcrumbItem, ElButton, ElConfigProvider,
  ElContainer, ElDescriptions, ElDescriptionsItem, ElDialog, ElDrawer, ElDropdown, ElDropdownItem, ElDropdownMenu,
  ElEmpty, ElForm, ElFormItem, ElHeader, ElIcon, ElInput, ElLoading, ElMain, ElMenu, ElMenuItem, ElOption,
  ElPagination, ElResult, ElScrollbar, ElSelect, ElTable, ElTableColumn, ElTag, ElTooltip, ElTree, ElTreeSelect,
} from 'element-plus';

const components = [
  ElAlert, ElAside, ElAutocomplete, ElAvatar, ElBreadcrumb, ElBreadcrumbItem, ElButton, ElConfigProvider,
  ElContainer, ElDescriptions, ElDescriptionsItem, ElDialog, ElDrawer, ElDropdown, ElDropdownItem, ElDropdownMenu,
  ElEmpty, ElForm, ElFormItem, ElHeader, ElIcon, ElInput, ElMain, ElMenu, ElMenuItem, ElOption,
  ElPagination, ElResult, ElScrollbar, ElSelect, ElTable, ElTableColumn, ElTag, ElTooltip, ElTree, ElTreeSelect,
];

export function installElement(app: App): void {
  for (const c of components) app.use(c);
  app.use(ElLoading); // v-loading
}
