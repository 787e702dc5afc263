import { render } from 'preact';
import { OptionsPage } from '../../src/options/options-page.js';
import '../../src/options/options.css';

render(<OptionsPage />, document.getElementById('app')!);
