// placeholder by F, U replaces: a minimal shell so the renderer builds before the real App.vue lands.
import { createApp, h } from 'vue';

createApp({ render: () => h('main', [h('h1', 'Nanograd Studio')]) }).mount('#app');
