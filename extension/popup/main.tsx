import { render } from 'preact';
import { restoreTheme } from '../../web/theme';
import { Popup } from './Popup';

restoreTheme();

const root = document.getElementById('root');
if (root) render(<Popup />, root);
