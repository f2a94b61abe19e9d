// Vant, registered component by component so the phone bundle carries only what it uses.
import type { App } from 'vue';
import {
  ActionSheet, Badge, Button, Cell, CellGroup, Checkbox, Dialog, Empty, Field, Form, Icon, Image as VanImage, List, Loading, NavBar, NoticeBar,
  Picker, Popup, PullRefresh, Radio, RadioGroup, Search, Skeleton, SwipeCell, Tab, Tabbar, TabbarItem, Tabs, Tag, Uploader,
} from 'vant';

const components = [
  ActionSheet, Badge, Button, Cell, CellGroup, Checkbox, Dialog, Empty, Field, Form, Icon, VanImage, List, Loading, NavBar, NoticeBar,
  Picker, Popup, PullRefresh, Radio, RadioGroup, Search, Skeleton, SwipeCell, Tab, Tabbar, TabbarItem, Tabs, Tag, Uploader,
];

export function installVant(app: App): void {
  for (const c of components) app.use(c);
}
