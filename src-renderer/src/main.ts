import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { getApi, pathForFile } from '../host';
import { useApiStore } from './stores/api';
import App from './App.vue';
import './styles.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
// Connected before mounting so every store and component finds the backend from the start.
useApiStore(pinia).connect(getApi(), pathForFile);
app.mount('#app');
