import { startApp } from './composition-root';

startApp();
